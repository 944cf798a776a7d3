// Jest stand-in for stylesheet imports (Atlaskit's *.compiled.css): styles do not matter in jsdom.
module.exports = {};
