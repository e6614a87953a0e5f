// The one way the UI talks to the Rust side: the generated, typed commands,
// with their result objects turned into values or a typed `Failure`.
import { error as logError } from "@tauri-apps/plugin-log";
import type { AppError, ErrorCode, FieldError } from "./bindings";

export { commands } from "./bindings";
export type { AppError, AppStatus, ErrorCode, FieldError, Person, PersonDraft } from "./bindings";

/** A command failed. `code` is stable; `message` is safe to show. */
export class Failure extends Error {
  readonly code: ErrorCode;
  readonly fields: FieldError[];
  constructor(error: AppError) {
    super(error.message);
    this.name = "Failure";
    this.code = error.code;
    this.fields = error.fields;
  }
}

type CommandResult<T> = { status: "ok"; data: T } | { status: "error"; error: AppError | string };

/**
 * Unwraps a command result. Tauri's own failures (a command not permitted,
 * a malformed argument) arrive as plain strings; they become `internal`.
 */
export async function call<T>(pending: Promise<CommandResult<T>>): Promise<T> {
  let result: CommandResult<T>;
  try {
    result = await pending;
  } catch (e) {
    // Tauri's own refusals never reached our commands, so the Rust side has not logged them.
    const message = e instanceof Error ? e.message : String(e);
    void logError(`call refused: ${message}`).catch(() => {});
    throw new Failure({ code: "internal", message, fields: [] });
  }
  if (result.status === "ok") return result.data;
  throw toFailure(result.error);
}

export function toFailure(error: unknown): Failure {
  if (error instanceof Failure) return error;
  if (typeof error === "object" && error !== null && "code" in error && "message" in error) {
    const e = error as AppError;
    return new Failure({ code: e.code, message: e.message, fields: Array.isArray(e.fields) ? e.fields : [] });
  }
  return new Failure({ code: "internal", message: String(error), fields: [] });
}

/**
 * A list for a screen: the command's result, or — when it fails — an empty
 * list and the failure handed to `report`, so the screen says what went
 * wrong instead of silently showing nothing.
 */
export async function listOr<T>(pending: Promise<CommandResult<T[]>>, report: (message: string) => void): Promise<T[]> {
  try {
    return await call(pending);
  } catch (e) {
    report(e instanceof Error ? e.message : String(e));
    return [];
  }
}
