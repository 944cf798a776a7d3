/**
 * The policy editor's sections, in page order. Adding a section is one component (taking
 * `SectionProps`, see ./types.ts) and one entry here: its id, its title and the policy paths
 * whose field issues it shows (issues under no section's paths appear under "Other problems").
 */
import { CalendarSection } from './calendar';
import { ClocksSection } from './clocks';
import { MatrixSection } from './matrix';
import { NameSection } from './name';
import { NumberingSection } from './numbering';
import { CategoriesSection, DepartmentsSection, RootCausesSection, SeveritiesSection } from './options';
import { ChannelsSection, IntakeSection, QuickCloseSection, RequiredFieldsSection } from './rules';
import type { PolicySection } from './types';
import { WorkingHoursSection } from './working-hours';

export type { PolicySection, SectionProps } from './types';

export const SECTIONS: PolicySection[] = [
  { id: 'name', title: (t) => t('polName'), paths: ['policy.name', 'policy.timeZone'], Component: NameSection },
  { id: 'categories', title: (t) => t('polCategories'), paths: ['policy.categories'], Component: CategoriesSection },
  { id: 'severities', title: (t) => t('polSeverities'), paths: ['policy.severities', 'policy.classification'], Component: SeveritiesSection },
  { id: 'departments', title: (t) => t('polDepartments'), paths: ['policy.departments', 'policy.approval'], Component: DepartmentsSection },
  { id: 'root-causes', title: (t) => t('polRootCauses'), paths: ['policy.rootCauses'], Component: RootCausesSection },
  { id: 'matrix', title: (t) => t('polMatrix'), paths: ['policy.matrix.byCategory', 'policy.matrix.byRootCause'], Component: MatrixSection },
  { id: 'intake', title: (t) => t('polIntake'), paths: ['policy.matrix.intake', 'policy.matrix.rootCauseFrom', 'policy.classification.repeatWindowMonths'], Component: IntakeSection },
  { id: 'channels', title: (t) => t('polChannels'), paths: ['policy.channels'], Component: ChannelsSection },
  { id: 'required-fields', title: (t) => t('polRequiredFields'), paths: ['policy.requiredFields'], Component: RequiredFieldsSection },
  { id: 'quick-close', title: (t) => t('polQuickClose'), paths: ['policy.quickClose'], Component: QuickCloseSection },
  { id: 'clocks', title: (t) => t('polClocks'), paths: ['policy.clocks', 'policy.atRiskShare'], Component: ClocksSection },
  { id: 'working-hours', title: (t) => t('polWorkingHours'), paths: ['policy.workingHours'], Component: WorkingHoursSection },
  { id: 'calendar', title: (t) => t('polCalendar'), paths: ['policy.calendar'], Component: CalendarSection },
  { id: 'numbering', title: (t) => t('polNumbering'), paths: ['policy.numbering', 'policy.batchPattern'], Component: NumberingSection },
];
