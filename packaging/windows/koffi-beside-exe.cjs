// Stands in for the koffi package inside the single executable: koffi's own loader looks for its addon
// beside its JS files, which live inside the exe there. The installer puts koffi.node beside bridge.exe.
const { createRequire } = require("node:module");

module.exports = createRequire(process.execPath)("./koffi.node");
