import { useState } from "react";
import { useTranslation } from "react-i18next";

export type FieldErrors = Partial<Record<string, string>>;

type Control = HTMLInputElement | HTMLSelectElement;

function isControl(element: Element): element is Control {
  return element instanceof HTMLInputElement || element instanceof HTMLSelectElement;
}

/**
 * Form checks in the UI language. Forms set `noValidate`, because the browser's own bubbles
 * speak the browser's language, not the one the person chose here; the constraints stay in the
 * markup (required, type, min, max, minLength) and are read from there.
 */
export function useFormValidation(): {
  errors: FieldErrors;
  validate: (form: HTMLFormElement) => boolean;
  clear: (name: string) => void;
} {
  const { t } = useTranslation();
  const [errors, setErrors] = useState<FieldErrors>({});

  function messageFor(control: Control): string | undefined {
    const value = control.value.trim();
    if (control.required && value === "") return t("validation.required");
    if (value === "") return undefined;
    if (control instanceof HTMLInputElement) {
      // tooShort is only reported after user edits, so minLength is checked by hand.
      if (control.minLength > 0 && control.value.length < control.minLength)
        return t("validation.tooShort", { min: control.minLength });
      if (control.type === "email" && control.validity.typeMismatch) return t("validation.email");
      if (control.type === "number") {
        const n = Number(value);
        const min = control.min === "" ? -Infinity : Number(control.min);
        const max = control.max === "" ? Infinity : Number(control.max);
        if (!Number.isInteger(n) || n < min || n > max)
          return t("validation.range", { min: control.min, max: control.max });
      }
    }
    if (!control.validity.valid) return t("validation.invalid");
    return undefined;
  }

  function validate(form: HTMLFormElement): boolean {
    const next: FieldErrors = {};
    let firstInvalid: Control | undefined;
    for (const element of Array.from(form.elements)) {
      if (!isControl(element) || !element.name || element.disabled) continue;
      const message = messageFor(element);
      if (message) {
        next[element.name] = message;
        firstInvalid ??= element;
      }
    }
    setErrors(next);
    firstInvalid?.focus();
    return firstInvalid === undefined;
  }

  function clear(name: string) {
    setErrors((current) => {
      if (!(name in current)) return current;
      const { [name]: _removed, ...rest } = current;
      return rest;
    });
  }

  return { errors, validate, clear };
}
