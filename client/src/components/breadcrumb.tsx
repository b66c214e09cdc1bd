import { A } from '@solidjs/router';
import './breadcrumb.css';

/** "Parent / This page" above a page's heading; the parent is a link back. */
export function Breadcrumb(props: { parent: { href: string; label: string }; page: string }) {
  return (
    <nav class="breadcrumb" aria-label="Breadcrumb">
      <A href={props.parent.href} end>
        {props.parent.label}
      </A>
      <span aria-hidden="true"> / </span>
      <span aria-current="page">{props.page}</span>
    </nav>
  );
}

/** "Admin / This page" above an admin page's heading. */
export function AdminBreadcrumb(props: { page: string }) {
  return <Breadcrumb parent={{ href: '/admin', label: 'Admin' }} page={props.page} />;
}
