export { studyDay, studyDayAfter, studyDaysBetween, type StudyDay } from "./day";
export { formatInterval } from "./interval-label";
export { leechThresholdMet } from "./leech";
export { forgettingCurve, retrievability } from "./retrievability";
export {
  learningCutoff,
  planDailyQueue,
  QUEUE_ORDER,
  type DailyQueue,
  type DoneToday,
  type QueueCard,
  type QueueCounts,
  type QueueOrderKey,
  type QueueSummary,
} from "./queue";
export {
  previewIntervals,
  restoreBeforeReview,
  scheduleReview,
  type IntervalPreview,
  type ScheduledReview,
} from "./schedule";
export {
  DEFAULT_SETTINGS,
  LEECH_ACTIONS,
  parseSettings,
  parseSteps,
  parseStoredSettings,
  settingsSchema,
  toFsrsParams,
  type LeechAction,
  type ParseSettingsResult,
  type ParseStepsResult,
  type Settings,
  type SettingsErrors,
  type SettingsField,
  type SettingsInput,
} from "./settings";
export {
  CardState,
  isRating,
  newCardMemory,
  Rating,
  RATINGS,
  type CardMemory,
  type ReviewLogEntry,
} from "./types";
