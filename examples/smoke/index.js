// One dynamic resource whose provider needs nothing but the engine: create returns an id and outputs,
// diff compares the one input, delete has nothing to clean up. Plain JS, so no compiler is involved.
"use strict";
const pulumi = require("@pulumi/pulumi");

const greeterProvider = {
  async create(inputs) {
    return { id: `greeter-${inputs.name}`, outs: { name: inputs.name, greeting: `hello ${inputs.name}` } };
  },
  async diff(_id, olds, news) {
    const replaces = olds.name === news.name ? [] : ["name"];
    return { changes: replaces.length > 0, replaces };
  },
  async delete() {},
};

class Greeter extends pulumi.dynamic.Resource {
  constructor(name, args, opts) {
    super(greeterProvider, name, { greeting: undefined, ...args }, opts);
  }
}

const config = new pulumi.Config();
const greeter = new Greeter("greeter", { name: config.require("name") });

module.exports = { greeterId: greeter.id, greeting: greeter.greeting };
