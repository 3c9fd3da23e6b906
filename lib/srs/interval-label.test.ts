import { describe, expect, it } from "vitest";
import { formatInterval } from "./interval-label";

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

describe("formatInterval", () => {
  it.each([
    [MINUTE, "1m"],
    [10 * MINUTE, "10m"],
    [20_000, "1m"],
    [59 * MINUTE, "59m"],
    [59.7 * MINUTE, "1h"],
    [90 * MINUTE, "1.5h"],
    [3 * HOUR, "3h"],
    [2.25 * HOUR, "2.3h"],
    [12.4 * HOUR, "12h"],
    [23.7 * HOUR, "1d"],
    [DAY, "1d"],
    [4 * DAY, "4d"],
    [29 * DAY, "29d"],
    [30 * DAY, "1mo"],
    [70 * DAY, "2.3mo"],
    [91 * DAY, "3mo"],
    [365 * DAY, "1y"],
    [438 * DAY, "1.2y"],
    [36500 * DAY, "99.9y"],
  ])("%d ms reads %s", (ms, label) => {
    expect(formatInterval(ms)).toBe(label);
  });
});
