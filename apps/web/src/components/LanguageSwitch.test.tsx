import { act, render, screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { LANGUAGE_STORAGE_KEY } from "../i18n/languages.ts";
import { LanguageSwitch } from "./LanguageSwitch.tsx";

describe("LanguageSwitch", () => {
  it("starts in Finnish, switches to English, remembers it and sets <html lang>", () => {
    render(<LanguageSwitch />);
    expect(document.documentElement.lang).toBe("fi");
    expect(screen.getByRole("button", { name: "Suomi" }).getAttribute("aria-pressed")).toBe("true");

    act(() => {
      screen.getByRole("button", { name: "English" }).click();
    });

    expect(document.documentElement.lang).toBe("en");
    expect(localStorage.getItem(LANGUAGE_STORAGE_KEY)).toBe("en");
    expect(screen.getByRole("button", { name: "English" }).getAttribute("aria-pressed")).toBe(
      "true",
    );
    expect(screen.getByRole("group", { name: "Language" })).toBeTruthy();
  });
});
