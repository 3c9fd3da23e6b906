import { describe, expect, it } from "vitest";
import { formatLocal, isTimeZone, parseLocalDue, toLocalInput } from "./due";

describe("due dates in a class's time zone", () => {
  it("reads a datetime-local value in the zone, and shows an instant back the same way", () => {
    const due = parseLocalDue("2026-12-04T23:59", "Europe/Paris")!;
    expect(due.toISOString()).toBe("2026-12-04T22:59:00.000Z");
    expect(toLocalInput(due, "Europe/Paris")).toBe("2026-12-04T23:59");
    expect(formatLocal(due, "America/New_York")).toBe("2026-12-04 17:59");
    expect(parseLocalDue("2026-07-01T09:00", "America/Los_Angeles")!.toISOString()).toBe("2026-07-01T16:00:00.000Z");
  });

  it("a time the clock skips (spring forward) is the moment it jumps; a repeated one (fall back) its first instance", () => {
    expect(parseLocalDue("2026-03-29T02:30", "Europe/Paris")!.toISOString()).toBe("2026-03-29T01:00:00.000Z");
    expect(parseLocalDue("2026-10-25T02:30", "Europe/Paris")!.toISOString()).toBe("2026-10-25T00:30:00.000Z");
  });

  it("refuses what is not a real date and time", () => {
    for (const value of ["2026-02-30T10:00", "2026-13-01T10:00", "2026-12-01T24:00", "2026-12-01 10:00", "tomorrow", ""]) expect(parseLocalDue(value, "UTC")).toBeNull();
  });

  it("knows time zones", () => {
    expect(isTimeZone("Asia/Kolkata")).toBe(true);
    expect(isTimeZone("Mars/Olympus")).toBe(false);
    expect(isTimeZone("")).toBe(false);
  });
});
