/** `npm run build` step: bundles the zone dashboard into dist/dashboard/ so production needs no bundler. */
import { bundleDashboard, DASHBOARD_BUNDLE } from '../src/http/dashboard';

bundleDashboard(DASHBOARD_BUNDLE)
  .then((code) => console.log(`dashboard: ${DASHBOARD_BUNDLE} (${Math.round(code.length / 1024)} KiB)`))
  .catch((err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  });
