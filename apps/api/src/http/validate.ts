import { zValidator } from "@hono/zod-validator";
import type { ValidationTargets } from "hono";
import type { ZodType } from "zod";
import { AppError } from "../errors.ts";

/**
 * zValidator that answers in Piiri's error shape. Malformed JSON never reaches here: Hono
 * raises it while reading the body and onError answers BAD_REQUEST.
 */
export function validate<T extends ZodType, Target extends keyof ValidationTargets>(
  target: Target,
  schema: T,
) {
  return zValidator(target, schema, (result) => {
    if (!result.success) {
      const issues = result.error.issues.map((issue) => ({
        path: issue.path.map(String).join("."),
        message: issue.message,
      }));
      const code = target === "param" ? "NOT_FOUND" : "VALIDATION_FAILED";
      throw new AppError(
        code,
        target === "param" ? "no such resource" : "the request is not valid",
        issues,
      );
    }
  });
}
