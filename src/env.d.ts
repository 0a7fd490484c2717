declare namespace App {
  interface Locals {
    /** Set by the lesson page so that lesson components can resolve `./snippets/...` paths. */
    lesson?: { id: string; dir: string };
  }
}
