// Attributes @kitajs/html's JSX types lack.
declare namespace JSX {
  interface HtmlImageTag {
    sizes?: undefined | string;
  }
}
