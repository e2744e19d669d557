/** Usage analytics (filled in by the usage endpoint; see functions/src/usage). */
import { PageHeading } from '../components/page';

export function UsagePage() {
  return (
    <section>
      <PageHeading title="Usage" />
      <p class="muted">Usage analytics are not available yet.</p>
    </section>
  );
}
