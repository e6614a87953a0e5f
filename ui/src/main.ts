import { mount } from "svelte";
import { error as logError } from "@tauri-apps/plugin-log";
import "./app.css";
import App from "./App.svelte";

// What goes wrong in the window goes into the app's log too (the Rust side
// redacts every line before it is written).
window.addEventListener("error", (e) => void logError(`window: ${e.message}`).catch(() => {}));
window.addEventListener("unhandledrejection", (e) => void logError(`window: ${String(e.reason)}`).catch(() => {}));

const target = document.getElementById("app");
if (!target) throw new Error("missing #app element");
export default mount(App, { target });
