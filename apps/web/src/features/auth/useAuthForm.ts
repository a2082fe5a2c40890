import { useMutation } from "@tanstack/react-query";
import type { FormEvent } from "react";
import { useNavigate, useSearchParams } from "react-router";
import { authClient } from "../../lib/authClient.ts";
import { useFormValidation } from "../../lib/formValidation.ts";
import { safeNext } from "./safeNext.ts";

/**
 * What the sign-in and sign-up pages share: where to go afterwards (`?next=`, kept on this
 * origin), whether the person is already signed in, field validation, and the mutation.
 */
export function useAuthForm<Input>(submit: (input: Input) => Promise<unknown>) {
  const [params] = useSearchParams();
  const requestedNext = params.get("next");
  const next = safeNext(requestedNext);
  const navigate = useNavigate();
  const { data: session } = authClient.useSession();
  const validation = useFormValidation();
  const mutation = useMutation({
    mutationFn: submit,
    onSuccess: () => navigate(next, { replace: true }),
  });
  const alreadySignedIn = Boolean(session) && mutation.isIdle;

  function onSubmit(event: FormEvent<HTMLFormElement>, input: () => Input) {
    event.preventDefault();
    if (!validation.validate(event.currentTarget)) return;
    mutation.mutate(input());
  }

  return { requestedNext, next, alreadySignedIn, mutation, onSubmit, ...validation };
}
