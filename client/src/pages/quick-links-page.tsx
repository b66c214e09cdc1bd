import { Show } from 'solid-js';
import { AdminListPage } from '../components/admin-list-page';
import { DoneStatus } from '../components/done-status';
import { createEditInPlace } from '../components/edit-in-place';
import { QuickLinkForm } from '../quick-links/quick-link-form';
import { QuickLinkList } from '../quick-links/quick-link-list';
import { useQuickLinks, type QuickLink } from '../stores/quick-links-store';
import '../quick-links/quick-links.css';

/** Admin: the links everyone sees on Home (manuals, forms, the parts shop), in the order set here. */
export function QuickLinksPage() {
  const links = useQuickLinks();
  const list = createEditInPlace<QuickLink>();

  return (
    <AdminListPage title="Quick links">
      <Show when={list.editing()} keyed fallback={<QuickLinkForm all={links()} onDone={list.announce} />}>
        {(link) => <QuickLinkForm link={link} all={links()} onDone={list.saved} onCancel={() => list.cancel(link.id)} />}
      </Show>
      <section class="card stack" aria-labelledby="quick-link-list-title">
        <h2 id="quick-link-list-title" ref={list.listHeadingRef} tabindex="-1">
          Shown on Home, in this order
        </h2>
        <DoneStatus message={list.done()} />
        <QuickLinkList links={links()} editingId={list.editing()?.id} onEdit={list.edit} onDeleted={list.deleted} onMoved={list.announce} fallbackFocus={list.listHeading} />
      </section>
    </AdminListPage>
  );
}
