import { ReferenceAdmin } from '../components/reference-admin';
import { QuickLinkForm } from '../quick-links/quick-link-form';
import { QuickLinkList } from '../quick-links/quick-link-list';
import { useQuickLinks, type QuickLink } from '../stores/quick-links-store';
import '../quick-links/quick-links.css';

/** Admin: the links everyone sees on Home (manuals, forms, the parts shop), in the order set here. */
export function QuickLinksPage() {
  const links = useQuickLinks();
  return (
    <ReferenceAdmin<QuickLink>
      title="Quick links"
      listTitle="Shown on Home, in this order"
      form={(slot) => <QuickLinkForm link={slot.row} all={links()} onDone={slot.onDone} onCancel={slot.onCancel} />}
      list={(events) => <QuickLinkList links={links()} {...events} />}
    />
  );
}
