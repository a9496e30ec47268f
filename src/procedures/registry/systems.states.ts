/**
 * A system's life (art. 17–19): planned → under construction → accepted → in use → decommissioned.
 * The registry records facts, so a status may move forward past a step (a system found in use
 * without acceptance is recorded as such — art. 19's finding is the consequence), never back;
 * decommissioned is final. A rebuilt system is registered as a new system.
 */
export const SYSTEM_STATUSES = ['planned', 'under_construction', 'accepted', 'in_use', 'decommissioned'] as const;
export type SystemStatus = (typeof SYSTEM_STATUSES)[number];

export const SYSTEM_STATUS_LABELS: Record<SystemStatus, { zh: string; en: string }> = {
  planned: { zh: '规划中', en: 'Planned' },
  under_construction: { zh: '建设中', en: 'Under construction' },
  accepted: { zh: '已验收', en: 'Accepted' },
  in_use: { zh: '使用中', en: 'In use' },
  decommissioned: { zh: '已停用', en: 'Decommissioned' },
};

/** The statuses each status may move to (the web shows these choices). */
export const SYSTEM_TRANSITIONS: Record<SystemStatus, readonly SystemStatus[]> = {
  planned: ['planned', 'under_construction', 'accepted', 'in_use', 'decommissioned'],
  under_construction: ['under_construction', 'accepted', 'in_use', 'decommissioned'],
  accepted: ['accepted', 'in_use', 'decommissioned'],
  in_use: ['in_use', 'decommissioned'],
  decommissioned: [],
};

export function canMoveSystem(from: SystemStatus, to: SystemStatus): boolean {
  return SYSTEM_TRANSITIONS[from].includes(to);
}

/** Art. 9: a system counts as installed once accepted (or in use without acceptance, art. 19). */
export const INSTALLED_STATUSES: readonly SystemStatus[] = ['accepted', 'in_use'];
