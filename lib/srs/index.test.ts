import { describe, expect, it } from "vitest";
import * as srs from "./index";

describe("lib/srs", () => {
  it("exposes the scheduling domain from one place", () => {
    expect(Object.keys(srs).sort()).toEqual(
      [
        "CardState",
        "DEFAULT_LEARN_AHEAD_MS",
        "DEFAULT_SETTINGS",
        "RATINGS",
        "Rating",
        "buildDailyQueue",
        "byNewCardOrder",
        "formatInterval",
        "isRating",
        "newCardMemory",
        "parseSettings",
        "planDailyQueue",
        "summarizeCards",
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
