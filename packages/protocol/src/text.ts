import { z } from "zod";

// Names and titles people type (a person's name, a group's name, an agenda phase's title …) are
// shown to others, so they go through one cleaning rule. It keeps what a person can see, lets no
// text reorder what is around it, and refuses a name nobody could read.

/**
 * Bidirectional embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069): they reorder
 * the text shown after them ("Trojan Source"), so a name could disguise itself or the words
 * around it. Marks (U+200E/U+200F) only hint a direction and are kept.
 */
const BIDI_CONTROLS = /[\u202A-\u202E\u2066-\u2069]/gu;
/** Control characters (tabs, newlines, NUL …) and line/paragraph separators become spaces. */
const CONTROLS = /[\p{Cc}\u2028\u2029]/gu;
const SPACE_RUNS = /\s+/gu;
/**
 * Characters that draw something: letters, digits, punctuation, symbols — except the fillers
 * that are letters or symbols by category yet render as blank (Hangul fillers, braille blank).
 * Zero-width characters, joiners, variation selectors and combining marks alone draw nothing.
 */
const VISIBLE = /[\p{L}\p{N}\p{P}\p{S}]/u;
const BLANK_LOOKALIKES = /[\u115F\u1160\u3164\uFFA0\u2800]/gu;

/** Input longer than this (in UTF-16 units) is refused before any cleaning work. */
const MAX_RAW_LENGTH = 1000;

/**
 * What a name or title becomes before it is stored: NFC-normalised, bidi controls removed,
 * control characters and runs of white space turned into one space, trimmed.
 */
export function cleanHumanText(value: string): string {
  return value
    .normalize("NFC")
    .replace(BIDI_CONTROLS, "")
    .replace(CONTROLS, " ")
    .replace(SPACE_RUNS, " ")
    .trim();
}

/** Whether the text has at least one character a reader can see. */
export function hasVisibleCharacter(value: string): boolean {
  return VISIBLE.test(value.replace(BLANK_LOOKALIKES, ""));
}

/**
 * A human name or title of at most `maxLength` characters (code points, as zod counts, after
 * cleaning): parses to the cleaned text; refuses text that is empty or invisible once cleaned.
 * Every schema with a name or title people type uses this.
 */
export function humanText(maxLength: number) {
  return z
    .string()
    .max(MAX_RAW_LENGTH)
    .transform(cleanHumanText)
    .pipe(
      z
        .string()
        .min(1, "must not be empty")
        .max(maxLength)
        .refine(hasVisibleCharacter, "must contain visible characters"),
    );
}

/** A person's name as others see it (sign-up name, a member's display name). */
export const PERSON_NAME_MAX = 80;
export const PersonName = humanText(PERSON_NAME_MAX);
