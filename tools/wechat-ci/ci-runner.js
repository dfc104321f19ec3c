/**
 * Runs one miniprogram-ci job (JSON in argv[2], planned by ship.ts). Started by
 * `npx --package miniprogram-ci@<pinned> -- node ci-runner.js <job>`: npx puts the package's
 * node_modules/.bin on PATH, which is how this file finds the module without it being a
 * dependency of the project.
 */
const fs = require('node:fs')
const path = require('node:path')

/** The miniprogram-ci folder next to a node_modules/.bin on PATH, at the pinned version. */
function locateMiniprogramCi(version) {
  for (const dir of (process.env.PATH || '').split(path.delimiter)) {
    const candidate = path.join(dir, '..', 'miniprogram-ci')
    if (path.basename(dir) !== '.bin' || !fs.existsSync(path.join(candidate, 'package.json'))) continue
    const found = JSON.parse(fs.readFileSync(path.join(candidate, 'package.json'), 'utf8')).version
    if (found !== version) throw new Error(`miniprogram-ci ${found} found at ${candidate}, ${version} expected`)
    return candidate
  }
  throw new Error(`miniprogram-ci ${version} is not on PATH: run this through npx --package miniprogram-ci@${version}`)
}

async function run(job) {
  const ci = require(locateMiniprogramCi(job.ciVersion))
  const project = new ci.Project({
    appid: job.appid,
    type: 'miniProgram',
    projectPath: job.projectPath,
    privateKeyPath: job.privateKeyPath,
    ignores: ['node_modules/**/*'],
  })
  const common = { project, version: job.version, desc: job.desc, robot: job.robot, setting: job.setting, onProgressUpdate: () => undefined }
  if (job.action === 'upload') {
    const result = await ci.upload(common)
    process.stdout.write(`uploaded ${job.version}: ${JSON.stringify(result && result.subPackageInfo ? result.subPackageInfo : result)}\n`)
    process.stdout.write('Next: admin console → 版本管理 → 开发版本 → 提交审核\n')
  } else {
    await ci.preview({ ...common, qrcodeFormat: 'image', qrcodeOutputDest: job.qrcodeOutputDest })
    process.stdout.write(`preview QR code: ${job.qrcodeOutputDest} (scan it with WeChat)\n`)
  }
}

run(JSON.parse(process.argv[2] || '{}')).catch((error) => {
  process.stderr.write(`miniprogram-ci failed: ${error && error.message ? error.message : String(error)}\n`)
  process.exit(1)
})
