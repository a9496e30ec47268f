'use strict'
// autocannon `setupRequest` for the certificate benchmark. It runs inside autocannon's worker
// thread, which loads it with require(), hence plain CommonJS. The parent sets the two variables
// before starting autocannon (a worker gets a copy of process.env when it is created).
const { readFileSync } = require('node:fs')

const prefix = process.env.JIFANG_BENCH_PATH_PREFIX
const numbers = readFileSync(process.env.JIFANG_BENCH_NUMBERS_FILE, 'utf8').split('\n').filter(Boolean)
if (!prefix || numbers.length === 0) throw new Error('cert-request.cjs: JIFANG_BENCH_PATH_PREFIX/NUMBERS_FILE not set')
const paths = numbers.map((n) => prefix + encodeURIComponent(n))

module.exports = function setupRequest (req) {
  req.path = paths[Math.floor(Math.random() * paths.length)]
  return req
}
