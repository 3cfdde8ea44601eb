// The floor of a start: bare node answering one line on stdin, then staying up as the bridge does.
const { createInterface } = require("node:readline");
createInterface({ input: process.stdin }).on("line", () => process.stdout.write("CONTACT^0675355355^1^1^^^^^\n"));
