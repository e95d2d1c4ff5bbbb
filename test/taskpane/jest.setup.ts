// The pane's tests render the whole Fluent UI App and drive it with user-event: on a loaded
// two-core machine one such test can pass Jest's 5 s default without anything being wrong.
// What they assert is behaviour, never speed (speed is measured by `npm run bench`).
jest.setTimeout(30_000);
