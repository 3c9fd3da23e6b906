import { describe, expect, it } from "vitest";
import * as srs from "./index";

describe("lib/srs", () => {
  it("exposes the scheduling domain from one place", () => {
    expect(Object.keys(srs).sort()).toEqual(
      [
        "CardState",
        "DEFAULT_SETTINGS",
        "LEECH_ACTIONS",
        "learningCutoff",
        "leechThresholdMet",
        "parseStoredSettings",
        "retrievability",
        "studyDayAfter",
        "studyDaysBetween",
        "RATINGS",
        "Rating",
        "formatInterval",
        "forgettingCurve",
        "isRating",
        "newCardMemory",
        "parseSettings",
        "planDailyQueue",
        "QUEUE_ORDER",
        "parseSteps",
        "previewIntervals",
        "restoreBeforeReview",
        "scheduleReview",
        "settingsSchema",
        "studyDay",
        "toFsrsParams",
      ].sort(),
    );
  });
});
