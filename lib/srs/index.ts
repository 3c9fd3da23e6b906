export { studyDay, type StudyDay } from "./day";
export { formatInterval } from "./interval-label";
export {
  buildDailyQueue,
  DEFAULT_LEARN_AHEAD_MS,
  planDailyQueue,
  summarizeCards,
  byNewCardOrder,
  type QueueSummary,
  type DailyQueue,
  type DailyQueueInput,
  type DoneToday,
  type QueueCard,
  type QueueCounts,
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
  parseSettings,
  parseSteps,
  settingsSchema,
  toFsrsParams,
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
