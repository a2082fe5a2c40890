import { act, render, screen } from "@testing-library/react";
import type { FormEvent } from "react";
import { describe, expect, it } from "vitest";
import { TextField } from "../components/Field.tsx";
import { useFormValidation } from "./formValidation.ts";

function PasswordForm({ onValid }: { onValid: () => void }) {
  const { errors, validate } = useFormValidation();
  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (validate(event.currentTarget)) onValid();
  }
  return (
    <form onSubmit={onSubmit} noValidate>
      <TextField label="Sähköposti" name="email" type="email" required error={errors.email} />
      <TextField label="Salasana" name="password" required minLength={10} error={errors.password} />
      <TextField label="Montako" name="uses" type="number" min={1} max={50} error={errors.uses} />
      <button type="submit">Lähetä</button>
    </form>
  );
}

describe("form validation", () => {
  it("explains problems in the UI language and ties them to the fields", () => {
    let submitted = false;
    render(<PasswordForm onValid={() => (submitted = true)} />);
    const email = screen.getByLabelText<HTMLInputElement>("Sähköposti");
    const password = screen.getByLabelText<HTMLInputElement>("Salasana");
    const uses = screen.getByLabelText<HTMLInputElement>("Montako");
    act(() => {
      email.value = "ei-osoite";
      password.value = "lyhyt";
      uses.value = "51";
      screen.getByRole("button", { name: "Lähetä" }).click();
    });
    expect(submitted).toBe(false);
    expect(screen.getByText("Kirjoita sähköpostiosoite muodossa nimi@esimerkki.fi.")).toBeTruthy();
    expect(screen.getByText("Liian lyhyt: vähintään 10 merkkiä.")).toBeTruthy();
    expect(screen.getByText("Anna kokonaisluku väliltä 1–50.")).toBeTruthy();
    expect(password.getAttribute("aria-invalid")).toBe("true");
    expect(
      document.getElementById(password.getAttribute("aria-describedby") ?? "")?.textContent,
    ).toBe("Liian lyhyt: vähintään 10 merkkiä.");
    expect(document.activeElement).toBe(email);
  });

  it("lets a valid form through", () => {
    let submitted = false;
    render(<PasswordForm onValid={() => (submitted = true)} />);
    act(() => {
      screen.getByLabelText<HTMLInputElement>("Sähköposti").value = "anna@example.fi";
      screen.getByLabelText<HTMLInputElement>("Salasana").value = "pitkä-salasana";
      screen.getByRole("button", { name: "Lähetä" }).click();
    });
    expect(submitted).toBe(true);
  });
});
