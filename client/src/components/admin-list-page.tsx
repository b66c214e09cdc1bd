import { A } from '@solidjs/router';
import type { JSX } from 'solid-js';
import './admin-list-page.css';

/** An admin list page (locations, quick links): the way back to Admin, the title, form and list. */
export function AdminListPage(props: { title: string; children: JSX.Element }) {
  return (
    <>
      <nav class="breadcrumb" aria-label="Breadcrumb">
        <A href="/admin" end>
          Admin
        </A>
        <span aria-hidden="true"> / </span>
        <span aria-current="page">{props.title}</span>
      </nav>
      <h1 class="page-title">{props.title}</h1>
      <div class="list-with-form">{props.children}</div>
    </>
  );
}
