import root, { browserConfig } from "../../eslint.config.js";

export default [...root, ...browserConfig];
