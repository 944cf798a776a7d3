/**
 * The contract of one policy-editor section. To add a section: write a component taking
 * `SectionProps`, and add one entry to SECTIONS in ./index.ts with its id, its title and the
 * policy paths whose field issues it shows.
 */
import type { Locale, Policy, FieldIssue } from '../../../shared/types';
import type { T } from '../../../shared/i18n';
import type { Edit } from '../draft';

export interface SectionProps {
  policy: Policy;
  edit: Edit;
  /** All field issues of the last save (a section filters its own rows with `at`). */
  issues: FieldIssue[];
  at: (path: string) => FieldIssue[];
  /** The project whose policy is edited, null for the site default. */
  projectKey: string | null;
}

export interface PolicySection {
  /** `section-<id>` and `issues-<id>` in the DOM. */
  id: string;
  title: (t: T, locale: Locale) => string;
  /** Policy paths (`policy.clocks`) whose issues this section shows. */
  paths: string[];
  Component: (props: SectionProps) => JSX.Element | null;
}
