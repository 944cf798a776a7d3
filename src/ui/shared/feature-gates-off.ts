/**
 * Build-time stand-in for `@atlaskit/feature-gate-js-client/feature-gates` (scripts/build-ui.mjs
 * aliases it here; the component tests keep the real module).
 *
 * Atlaskit components read their platform feature flags through
 * `@atlaskit/platform-feature-flags`, which asks the product's resolver when one is registered and
 * otherwise Atlassian's Statsig client. Nothing initialises that client inside a Forge Custom UI
 * iframe, so every gate answers `false` (after a console warning) — yet the client and Statsig
 * are ~120 KiB of first-paint JavaScript on every surface. This stand-in answers the same:
 * the criterion override when a test harness provides one, else `false` / the default value.
 */
interface CriterionOverrides {
  getFeatureFlagOverride?: (gate: string) => boolean | undefined;
  getExperimentValueOverride?: (experiment: string, parameter: string) => unknown;
}

function criterion(): CriterionOverrides | undefined {
  return typeof window !== 'undefined' ? (window as Window & { __CRITERION__?: CriterionOverrides }).__CRITERION__ : undefined;
}

const FeatureGates = {
  checkGate(gateName: string): boolean {
    try {
      const v = criterion()?.getFeatureFlagOverride?.(gateName);
      if (typeof v === 'boolean') return v;
    } catch {
      // like the real client: a broken override is ignored
    }
    return false;
  },
  getExperimentValue<T>(experimentName: string, parameterName: string, defaultValue: T): T {
    try {
      const v = criterion()?.getExperimentValueOverride?.(experimentName, parameterName);
      if (v !== undefined && v !== null) return v as T;
    } catch {
      // ignored, as above
    }
    return defaultValue;
  },
  initializeCalled: (): boolean => false,
  initializeCompleted: (): boolean => false,
};

export default FeatureGates;
