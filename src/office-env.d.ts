/// <reference types="office-js" />
// The pane's only global besides the DOM: Office.js, loaded by a <script> tag before the bundle.
