// Strings of the intake pages (see ../../i18n.js, part "intake").
export default {};
