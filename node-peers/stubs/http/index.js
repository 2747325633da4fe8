// Copyright 2026 the hyco-jakarta authors
// SPDX-License-Identifier: Apache-2.0
module.exports = require("node:http");
