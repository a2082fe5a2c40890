// Attendance as CSV for invoicing, made to open correctly in Excel as Finnish users have it.
//
// - UTF-8 with a byte-order mark: without it Excel reads the file as Windows-1252 and mangles
//   ä, ö and å.
// - Semicolon as the delimiter: in Finnish locales the list separator is ";" (the comma is the
//   decimal separator), so Excel splits a double-clicked file on semicolons. English exports use
//   the same file format so one file works for a mixed office; Excel in an English locale still
//   opens it via Data → From Text, and most other tools sniff the delimiter.
// - RFC 4180 otherwise: CRLF line ends, fields with the delimiter, quotes or line breaks quoted,
//   quotes doubled.
// - Fields that start with = + - @ (or tab/CR) get a leading apostrophe so a display name can
//   never run as a formula (CSV injection).
// - Times as "YYYY-MM-DD HH:MM" in the office's time zone: Excel recognises it as a date-time in
//   every locale.

import type { MemberRole } from "@piiri/protocol/groups";
import type { AttendanceSource } from "@piiri/protocol/live";

export type CsvLanguage = "fi" | "en";

export interface AttendanceCsvRow {
  sessionStartsAt: Date;
  displayName: string;
  role: MemberRole;
  firstJoinedAt: Date | null;
  lastLeftAt: Date | null;
  totalMinutes: number;
  /** Which source saw the member (null: neither). */
  source: AttendanceSource | null;
  intervals: ReadonlyArray<{ joinedAt: Date; leftAt: Date | null }>;
}

const HEADERS: Record<CsvLanguage, string[]> = {
  fi: [
    "Tapaaminen",
    "Nimi",
    "Rooli",
    "Liittyi ensin",
    "Poistui viimeksi",
    "Minuutit",
    "Lähde",
    "Jaksot",
  ],
  en: ["Session", "Name", "Role", "First joined", "Last left", "Minutes", "Source", "Intervals"],
};

/** The interface's words for the roles (apps/web/src/i18n `role.*`; a web test keeps them equal). */
export const CSV_ROLE_NAMES: Record<CsvLanguage, Record<MemberRole, string>> = {
  fi: { supervisor: "työnohjaaja", cosupervisor: "työpariohjaaja", participant: "ohjattava" },
  en: { supervisor: "supervisor", cosupervisor: "co-supervisor", participant: "participant" },
};

/** The interface's words for the sources (apps/web/src/i18n `live.attendance.sources.*`). */
export const CSV_SOURCE_NAMES: Record<CsvLanguage, Record<AttendanceSource, string>> = {
  fi: { video: "video", presence: "Piiri", both: "video ja Piiri" },
  en: { video: "video", presence: "Piiri", both: "video and Piiri" },
};

const STILL_IN: Record<CsvLanguage, string> = { fi: "paikalla", en: "present" };

export const CSV_DELIMITER = ";";
const BOM = "\uFEFF";

export function csvField(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[";\r\n,]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

function dateTimeFormatter(timeZone: string) {
  const format = new Intl.DateTimeFormat("en-CA", {
    timeZone,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
  });
  return (date: Date): string => {
    const parts = Object.fromEntries(format.formatToParts(date).map((p) => [p.type, p.value]));
    return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}`;
  };
}

export function attendanceCsv(
  rows: readonly AttendanceCsvRow[],
  options: { lang: CsvLanguage; timeZone: string },
): string {
  const dateTime = dateTimeFormatter(options.timeZone);
  const time = (date: Date) => dateTime(date).slice(11);
  const lines = [HEADERS[options.lang]];
  for (const row of rows) {
    lines.push([
      dateTime(row.sessionStartsAt),
      row.displayName,
      CSV_ROLE_NAMES[options.lang][row.role],
      row.firstJoinedAt ? dateTime(row.firstJoinedAt) : "",
      row.lastLeftAt ? dateTime(row.lastLeftAt) : "",
      String(row.totalMinutes),
      row.source ? CSV_SOURCE_NAMES[options.lang][row.source] : "",
      row.intervals
        .map(
          (interval) =>
            `${time(interval.joinedAt)}–${interval.leftAt ? time(interval.leftAt) : STILL_IN[options.lang]}`,
        )
        .join(", "),
    ]);
  }
  return BOM + lines.map((line) => line.map(csvField).join(CSV_DELIMITER)).join("\r\n") + "\r\n";
}
