import { describe, expect, it } from "vitest";
import { formatCount, formatDays, formatDuration, formatShare } from "./format";

describe("progress formats", () => {
  it("writes counts, shares, durations and stabilities", () => {
    expect(formatCount(100300)).toBe("100,300");
    expect(formatShare(9, 10)).toBe("90.0 %");
    expect(formatShare(2, 3)).toBe("66.7 %");
    expect(formatShare(0, 0)).toBe("—");
    expect(formatDuration(44_600)).toBe("45 s");
    expect(formatDuration(12 * 60_000 + 10_000)).toBe("12 min");
    expect(formatDuration(65 * 60_000)).toBe("1 h 05 min");
    expect(formatDays(0.5)).toBe("12 h");
    expect(formatDays(1)).toBe("1 day");
    expect(formatDays(3.54)).toBe("3.5 days");
    expect(formatDays(121.6)).toBe("4 months");
    expect(formatDays(766)).toBe("2.1 years");
  });
});
