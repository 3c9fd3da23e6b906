import { describe, expect, it } from "vitest";
import { studyDay, studyDayAfter, studyDaysBetween } from "./day";

const HOUR = 3_600_000;

function day(iso: string, timeZone: string, rolloverHour: number) {
  const { start, end, key } = studyDay(new Date(iso), timeZone, rolloverHour);
  return { key, start: start.toISOString(), end: end.toISOString(), hours: (end.getTime() - start.getTime()) / HOUR };
}

describe("studyDay", () => {
  it("starts at the rollover hour in UTC", () => {
    expect(day("2026-05-01T12:00:00Z", "UTC", 4)).toEqual({
      key: "2026-05-01",
      start: "2026-05-01T04:00:00.000Z",
      end: "2026-05-02T04:00:00.000Z",
      hours: 24,
    });
  });

  it("puts 03:59 local in the previous study day and 04:00 in the new one", () => {
    // 2026-06-10 in New York is EDT (UTC-4).
    expect(day("2026-06-10T07:59:59.999Z", "America/New_York", 4).key).toBe("2026-06-09");
    expect(day("2026-06-10T08:00:00.000Z", "America/New_York", 4)).toEqual({
      key: "2026-06-10",
      start: "2026-06-10T08:00:00.000Z",
      end: "2026-06-11T08:00:00.000Z",
      hours: 24,
    });
    expect(day("2026-06-10T07:59:59.999Z", "America/New_York", 4).end).toBe("2026-06-10T08:00:00.000Z");
  });

  it("keys the day by the local date, not the UTC one", () => {
    // 01:00 on 2 January in Tokyo is still the study day of 1 January.
    expect(day("2026-01-01T16:00:00Z", "Asia/Tokyo", 4)).toEqual({
      key: "2026-01-01",
      start: "2025-12-31T19:00:00.000Z",
      end: "2026-01-01T19:00:00.000Z",
      hours: 24,
    });
    expect(day("2026-01-01T23:30:00Z", "Asia/Kolkata", 0).key).toBe("2026-01-02");
  });

  describe("America/New_York", () => {
    it("has a 23-hour day when clocks spring forward (2026-03-08)", () => {
      expect(day("2026-03-07T12:00:00Z", "America/New_York", 4)).toEqual({
        key: "2026-03-07",
        start: "2026-03-07T09:00:00.000Z", // 04:00 EST
        end: "2026-03-08T08:00:00.000Z", // 04:00 EDT
        hours: 23,
      });
    });

    it("starts a day whose rollover hour does not exist at the jump (02:00 → 03:00 EDT)", () => {
      expect(day("2026-03-08T12:00:00Z", "America/New_York", 2)).toEqual({
        key: "2026-03-08",
        start: "2026-03-08T07:00:00.000Z", // 03:00 EDT, the first instant at or after 02:00
        end: "2026-03-09T06:00:00.000Z", // 02:00 EDT
        hours: 23,
      });
      expect(day("2026-03-08T06:59:59.999Z", "America/New_York", 2).key).toBe("2026-03-07");
      expect(day("2026-03-08T07:00:00.000Z", "America/New_York", 2).key).toBe("2026-03-08");
    });

    it("has a 25-hour day when clocks fall back (2026-11-01)", () => {
      expect(day("2026-10-31T12:00:00Z", "America/New_York", 4)).toEqual({
        key: "2026-10-31",
        start: "2026-10-31T08:00:00.000Z", // 04:00 EDT
        end: "2026-11-01T09:00:00.000Z", // 04:00 EST
        hours: 25,
      });
    });

    it("starts at the first 01:00 when 01:00 happens twice, and keeps the repeat in that day", () => {
      const first = day("2026-11-01T05:00:00Z", "America/New_York", 1); // 01:00 EDT
      const repeat = day("2026-11-01T06:30:00Z", "America/New_York", 1); // 01:30 EST
      expect(first).toEqual({
        key: "2026-11-01",
        start: "2026-11-01T05:00:00.000Z",
        end: "2026-11-02T06:00:00.000Z",
        hours: 25,
      });
      expect(repeat).toEqual(first);
      expect(day("2026-11-01T04:59:59.999Z", "America/New_York", 1).key).toBe("2026-10-31");
    });
  });

  describe("Europe/Berlin", () => {
    it("springs forward on 2026-03-29 (02:00 CET → 03:00 CEST)", () => {
      expect(day("2026-03-28T12:00:00Z", "Europe/Berlin", 4)).toEqual({
        key: "2026-03-28",
        start: "2026-03-28T03:00:00.000Z",
        end: "2026-03-29T02:00:00.000Z",
        hours: 23,
      });
      expect(day("2026-03-29T12:00:00Z", "Europe/Berlin", 2)).toEqual({
        key: "2026-03-29",
        start: "2026-03-29T01:00:00.000Z", // 03:00 CEST
        end: "2026-03-30T00:00:00.000Z",
        hours: 23,
      });
    });

    it("falls back on 2026-10-25 (03:00 CEST → 02:00 CET)", () => {
      expect(day("2026-10-24T12:00:00Z", "Europe/Berlin", 4)).toEqual({
        key: "2026-10-24",
        start: "2026-10-24T02:00:00.000Z",
        end: "2026-10-25T03:00:00.000Z",
        hours: 25,
      });
      // 02:30 CET, the second 02:30 of the night, belongs to the day that started at the first 02:00.
      expect(day("2026-10-25T01:30:00Z", "Europe/Berlin", 2)).toEqual({
        key: "2026-10-25",
        start: "2026-10-25T00:00:00.000Z",
        end: "2026-10-26T01:00:00.000Z",
        hours: 25,
      });
    });
  });

  describe("Australia/Lord_Howe (half-hour DST)", () => {
    it("starts at 02:30 when 02:00 → 02:30 on 2026-10-04", () => {
      expect(day("2026-10-04T12:00:00Z", "Australia/Lord_Howe", 2)).toEqual({
        key: "2026-10-04",
        start: "2026-10-03T15:30:00.000Z",
        end: "2026-10-04T15:00:00.000Z",
        hours: 23.5,
      });
    });

    it("has a 24.5-hour day when 02:00 → 01:30 on 2026-04-05", () => {
      expect(day("2026-04-04T12:00:00Z", "Australia/Lord_Howe", 2)).toEqual({
        key: "2026-04-04",
        start: "2026-04-03T15:00:00.000Z",
        end: "2026-04-04T15:30:00.000Z",
        hours: 24.5,
      });
    });
  });

  it("handles a jump at midnight (America/Santiago, 2026-09-06 00:00 → 01:00)", () => {
    expect(day("2026-09-06T12:00:00Z", "America/Santiago", 0)).toEqual({
      key: "2026-09-06",
      start: "2026-09-06T04:00:00.000Z",
      end: "2026-09-07T03:00:00.000Z",
      hours: 23,
    });
  });

  it("tiles time: every instant lies in its day, and consecutive days touch", () => {
    const zones = [
      "UTC",
      "America/New_York",
      "Europe/Berlin",
      "Australia/Lord_Howe",
      "America/Santiago",
      "Asia/Kolkata",
      "Pacific/Chatham",
    ];
    let a = 12345;
    const random = () => ((a = (Math.imul(a, 1103515245) + 12345) >>> 0) / 4294967296);
    const from = Date.UTC(2025, 0, 1);
    const span = Date.UTC(2027, 0, 1) - from;
    for (let i = 0; i < 3000; i++) {
      const zone = zones[i % zones.length] as string;
      const rollover = Math.floor(random() * 24);
      const now = new Date(from + Math.floor(random() * span));
      const { start, end, key } = studyDay(now, zone, rollover);
      const context = `${now.toISOString()} ${zone} ${rollover}`;
      expect(start.getTime(), context).toBeLessThanOrEqual(now.getTime());
      expect(end.getTime(), context).toBeGreaterThan(now.getTime());
      expect([23, 23.5, 24, 24.5, 25], context).toContain((end.getTime() - start.getTime()) / HOUR);
      expect(studyDay(start, zone, rollover).key, context).toBe(key);
      expect(studyDay(end, zone, rollover).start, context).toEqual(end);
      expect(studyDay(new Date(start.getTime() - 1), zone, rollover).end, context).toEqual(start);
    }
  });
});

describe("studyDayAfter and studyDaysBetween", () => {
  it("steps over DST changes day by day, each day starting at the rollover", () => {
    const first = studyDay(new Date("2026-10-31T12:00:00Z"), "America/New_York", 4);
    const next = studyDayAfter(first, 1, "America/New_York", 4);
    expect(next).toEqual(studyDay(first.end, "America/New_York", 4));
    expect(next.start.toISOString()).toBe("2026-11-01T09:00:00.000Z");
    expect(studyDayAfter(next, -1, "America/New_York", 4)).toEqual(first);
    expect(studyDayAfter(first, 0, "America/New_York", 4)).toEqual(first);
    expect(studyDayAfter(first, 365, "America/New_York", 4).key).toBe("2027-10-31");
  });

  it("tiles like studyDay for random days and offsets", () => {
    let a = 99;
    const random = () => ((a = (Math.imul(a, 1103515245) + 12345) >>> 0) / 4294967296);
    for (let i = 0; i < 500; i++) {
      const zone = ["America/New_York", "Europe/Berlin", "Australia/Lord_Howe", "Asia/Kolkata"][i % 4] as string;
      const rollover = Math.floor(random() * 24);
      const day = studyDay(new Date(Date.UTC(2026, 0, 1) + Math.floor(random() * 365 * 86_400_000)), zone, rollover);
      const offset = Math.floor(random() * 60) - 30;
      const after = studyDayAfter(day, offset, zone, rollover);
      expect(studyDay(after.start, zone, rollover)).toEqual(after);
      expect(studyDaysBetween(day.key, after.key)).toBe(offset);
    }
  });
});
