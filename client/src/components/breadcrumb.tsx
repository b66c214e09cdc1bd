import { A } from '@solidjs/router';
import './breadcrumb.css';

/** "Admin / This page" above an admin page's heading; Admin is a link back. */
export function AdminBreadcrumb(props: { page: string }) {
  return (
    <nav class="breadcrumb" aria-label="Breadcrumb">
      <A href="/admin" end>
        Admin
      </A>
      <span aria-hidden="true"> / </span>
      <span aria-current="page">{props.page}</span>
    </nav>
  );
}
