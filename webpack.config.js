// Builds the Outlook add-in (task pane + ribbon function file) into dist/addin, which the bridge serves.
import CopyWebpackPlugin from "copy-webpack-plugin";
import HtmlWebpackPlugin from "html-webpack-plugin";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = dirname(fileURLToPath(import.meta.url));
const officeJs = join(root, "node_modules", "@microsoft", "office-js", "dist");

/** @param {Record<string, unknown>} _env @param {{ mode?: string }} argv */
export default function config(_env = {}, argv = {}) {
  const production = argv.mode !== "development";
  return {
    mode: production ? "production" : "development",
    context: root,
    devtool: "source-map",
    entry: {
      taskpane: "./src/taskpane/taskpane.ts",
      commands: "./src/commands/commands.ts",
    },
    output: {
      path: join(root, "dist", "addin"),
      filename: "[name].js",
      clean: true,
    },
    resolve: {
      extensions: [".ts", ".js"],
      // Sources import "./x.js" (NodeNext style) but the file is x.ts.
      extensionAlias: { ".js": [".ts", ".js"] },
    },
    module: {
      rules: [
        {
          test: /\.ts$/,
          exclude: /node_modules/,
          use: {
            loader: "ts-loader",
            options: { configFile: join(root, "src", "tsconfig.json"), onlyCompileBundledFiles: true },
          },
        },
      ],
    },
    plugins: [
      new HtmlWebpackPlugin({
        filename: "taskpane.html",
        template: "./src/taskpane/taskpane.html",
        chunks: ["taskpane"],
        scriptLoading: "defer",
      }),
      new HtmlWebpackPlugin({
        filename: "commands.html",
        template: "./src/commands/commands.html",
        chunks: ["commands"],
        scriptLoading: "defer",
      }),
      new CopyWebpackPlugin({
        patterns: [
          { from: "src/taskpane/taskpane.css", to: "taskpane.css" },
          { from: "src/assets/*.png", to: "assets/[name][ext]" },
          // Office.js served by the bridge: the loader, Outlook's host scripts and their string tables.
          {
            from:
              "{office.js,es6-promise.js,o15apptofilemappingtable.js,outlook-*.js,telemetry/*.js," +
              "*/office_strings.js,*/outlook_strings.js}",
            context: officeJs,
            to: "office-js/",
            globOptions: { ignore: ["**/*.debug.js"] },
          },
        ],
      }),
    ],
    performance: { hints: false },
    stats: "errors-warnings",
  };
}
