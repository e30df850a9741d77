/**
 * How Cloudflare's HTTP traffic splits by region, proxy and WAF configuration in this model.
 * Chosen so that the FL1 + Managed Ruleset segment outside China is about 28% of all HTTP traffic
 * (PM5); the per-region spread is illustrative, PM5 gives no regional figures.
 */
export interface RegionProfile {
  id: string;
  label: string;
  /** The signal that shows this region's HTTP 5xx share. */
  signal: string;
  /** Share of global HTTP traffic. */
  weight: number;
  /** Share of the region's traffic served by the older FL1 proxy (the rest is FL2). */
  fl1Share: number;
  /** Share of FL1 traffic whose zones use the Cloudflare Managed Ruleset. */
  managedShare: number;
  /** The China network has its own configuration plane: global configuration changes never reach it. */
  receivesGlobalConfig: boolean;
}

export const REGIONS: readonly RegionProfile[] = [
  { id: 'north_america', label: 'North America', signal: 'region_na_5xx_pct', weight: 0.30, fl1Share: 0.46, managedShare: 0.64, receivesGlobalConfig: true },
  { id: 'europe', label: 'Europe', signal: 'region_eu_5xx_pct', weight: 0.28, fl1Share: 0.48, managedShare: 0.65, receivesGlobalConfig: true },
  { id: 'asia_pacific', label: 'Asia-Pacific (outside China)', signal: 'region_apac_5xx_pct', weight: 0.22, fl1Share: 0.44, managedShare: 0.62, receivesGlobalConfig: true },
  { id: 'china', label: 'China network', signal: 'region_cn_5xx_pct', weight: 0.05, fl1Share: 0.45, managedShare: 0.6, receivesGlobalConfig: false },
  { id: 'south_america', label: 'South America', signal: 'region_sa_5xx_pct', weight: 0.08, fl1Share: 0.50, managedShare: 0.62, receivesGlobalConfig: true },
  { id: 'africa_middle_east', label: 'Africa and Middle East', signal: 'region_afme_5xx_pct', weight: 0.07, fl1Share: 0.47, managedShare: 0.63, receivesGlobalConfig: true },
];

/** Share of all HTTP traffic served by FL1. */
export const FL1_SHARE = REGIONS.reduce((s, r) => s + r.weight * r.fl1Share, 0);
/** Share of all HTTP traffic on FL1 with the Managed Ruleset (China included). */
export const FL1_MANAGED_SHARE = REGIONS.reduce((s, r) => s + r.weight * r.fl1Share * r.managedShare, 0);
/** Share of FL2 traffic whose zones use the Managed Ruleset (for WAF execution counts). */
export const FL2_MANAGED_SHARE = 0.52;

export const BASELINE_RPS = 81_000_000;
export const BASELINE_5XX_PCT = 0.15;
/** Share of an affected customer's requests that go to test endpoints such as /cdn-cgi/trace (still 200). */
export const TEST_ENDPOINT_SHARE = 0.003;
/** Share of dashboard and API calls that cross FL1 with the Managed Ruleset on the way in. */
export const DASHBOARD_AFFECTED_SHARE = 0.55;
