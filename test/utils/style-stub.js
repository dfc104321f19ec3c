// Stylesheets have no meaning in jsdom; every .css/.scss import resolves to this empty module.
module.exports = {}
