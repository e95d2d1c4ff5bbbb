/*
 * Function file of the add-in (manifest: <FunctionFile resid="Commands.Url"/> → commands.html).
 * The ribbon button only opens the task pane (ShowTaskpane), so no command runs code yet; the
 * `action` function is registered, as in Microsoft's template, for a future ExecuteFunction
 * button. Keep this file free of logic: checks live in src/core, Excel access in src/excel.
 */

/* global Office */

Office.onReady(() => {
  // Office.js is ready; nothing to initialise.
});

/**
 * Placeholder command for an ExecuteFunction button: does nothing and tells Office it is done.
 * Every add-in command must call event.completed(), or Office keeps waiting for it.
 */
function action(event: Office.AddinCommands.Event): void {
  event.completed();
}

// Register the function under the name a manifest <FunctionName> would use.
Office.actions.associate("action", action);
