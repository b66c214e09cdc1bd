import { A } from '@solidjs/router';
import { createSignal, Show } from 'solid-js';
import { QuickLinkForm } from '../quick-links/quick-link-form';
import { QuickLinkList } from '../quick-links/quick-link-list';
import { useQuickLinks, type QuickLink } from '../stores/quick-links-store';
import '../locations/locations.css';
import '../quick-links/quick-links.css';

/** Admin: the links everyone sees on Home (manuals, forms, the parts shop), in the order set here. */
export function QuickLinksPage() {
  const links = useQuickLinks();
  const [editing, setEditing] = createSignal<QuickLink>();
  const [done, setDone] = createSignal<string>();
  let listHeading: HTMLHeadingElement | undefined;

  const focusEditButton = (id: string) => queueMicrotask(() => (document.querySelector<HTMLElement>(`[data-edit="${id}"]`) ?? listHeading)?.focus());

  return (
    <>
      <nav class="breadcrumb" aria-label="Breadcrumb">
        <A href="/admin" end>
          Admin
        </A>
        <span aria-hidden="true"> / </span>
        <span aria-current="page">Quick links</span>
      </nav>
      <h1 class="page-title">Quick links</h1>
      <div class="quick-links-layout">
        <Show when={editing()} keyed fallback={<QuickLinkForm all={links()} onDone={(message) => setDone(message)} />}>
          {(link) => (
            <QuickLinkForm
              link={link}
              all={links()}
              onDone={(message, id) => {
                setDone(message);
                setEditing(undefined);
                focusEditButton(id);
              }}
              onCancel={() => {
                setEditing(undefined);
                focusEditButton(link.id);
              }}
            />
          )}
        </Show>
        <section class="card stack" aria-labelledby="quick-link-list-title">
          <h2 id="quick-link-list-title" ref={(el) => (listHeading = el)} tabindex="-1">
            Shown on Home, in this order
          </h2>
          <p class={done() ? 'alert alert--ok' : 'visually-hidden'} role="status">
            {done()}
          </p>
          <QuickLinkList
            links={links()}
            editingId={editing()?.id}
            onEdit={(link) => {
              setDone(undefined);
              setEditing(link);
            }}
            onDeleted={(message, id) => {
              setDone(message);
              if (editing()?.id === id) setEditing(undefined);
            }}
            onMoved={setDone}
            fallbackFocus={() => listHeading}
          />
        </section>
      </div>
    </>
  );
}
