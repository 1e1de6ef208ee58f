import Foundation
import Testing

/// The chart `vintage demo` writes, read as a person would see it: as XML with its labels
/// apart, and rendered by a real browser (headless Chromium) into pixels.
@Suite(.serialized) struct DemoChartTests {
    /// Runs the built `vintage demo` in a new directory and returns the SVG it wrote.
    static func demoChart() throws -> (svg: String, path: String, directory: URL) {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("vintage-demo-chart-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let output = try Tools.run(Tools.vintage, ["--store", directory.appendingPathComponent("store").path, "demo"])
        #expect(output.status == 0, "\(output.stderr)")
        let line = try #require(output.stdout.split(separator: "\n").first { $0.hasPrefix("   wrote ") && $0.hasSuffix(".svg") })
        let path = String(line.dropFirst("   wrote ".count))
        return (try String(contentsOfFile: path, encoding: .utf8), path, directory)
    }

    @Test func theDemoChartHasItsFanAndAnnouncementsAndNoLabelOverlapsAnother() throws {
        let demo = try Self.demoChart()
        defer { try? FileManager.default.removeItem(at: demo.directory) }
        let svg = try SVGInspection(demo.svg)
        // January's total: two earlier releases (faint), the first releases and the latest.
        #expect(svg.elements("path").map { SVGInspection.classes($0).last! } == ["faint", "faint", "dashed", "solid"])
        let labels = svg.elements("text").filter { SVGInspection.classes($0).contains("marker-label") }.map { $0.stringValue ?? "" }
        #expect(labels == ["1 · 15% from 1 Nov 2025", "2 · 25% from 1 Feb 2026"])
        let boxes = svg.textBoxes
        for box in boxes { #expect(box.left >= 0 && box.top >= 0 && box.right <= svg.width && box.bottom <= svg.height, "\(box)") }
        for (i, a) in boxes.enumerated() {
            for b in boxes[(i + 1)...] { #expect(!a.overlaps(b), "\(a.text) overlaps \(b.text)") }
        }
    }

    @Test(
        .enabled(
            if: Tools.locate("chromium") != nil || Tools.locate("chromium-browser") != nil,
            "SKIPPED: headless Chromium is not installed here (tools/install-dependencies.sh --test-tools installs Debian's chromium)"))
    func theDemoChartRendersInABrowserWithItsColoursInThePlot() throws {
        let demo = try Self.demoChart()
        defer { try? FileManager.default.removeItem(at: demo.directory) }
        let browser = Tools.locate("chromium") ?? Tools.locate("chromium-browser")!
        let png = demo.directory.appendingPathComponent("demo-chart.png").path
        let shot = try Tools.run(
            browser,
            [
                "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--force-device-scale-factor=1",
                "--window-size=800,450", "--screenshot=\(png)", "file://\(demo.path)"
            ],
            environment: ["HOME": demo.directory.path])
        #expect(shot.status == 0, "\(shot.stderr)")
        let image = try PixelImage(png: png)
        #expect(image.width == 800 && image.height == 450)
        // Not blank: a good share of the picture is ink.
        let ink = image.count { r, g, b in r < 200 || g < 200 || b < 200 }
        #expect(ink > 2_000, "only \(ink) pixels of ink")
        // The plot (between the axes) holds the series' blue (#1f77b4) and the announcement rules' ochre (#8a6d00).
        let svg = try SVGInspection(demo.svg)
        let area = svg.plotArea
        let plot = (x: Int(area.x), y: Int(area.y), width: Int(area.width), height: Int(area.height))
        let blue = image.count(in: plot) { r, g, b in abs(r - 0x1f) < 40 && abs(g - 0x77) < 40 && abs(b - 0xb4) < 40 }
        let ochre = image.count(in: plot) { r, g, b in abs(r - 0x8a) < 40 && abs(g - 0x6d) < 40 && b < 60 }
        #expect(blue > 300, "\(blue) blue pixels in the plot")
        #expect(ochre > 100, "\(ochre) ochre pixels in the plot")
        // The background is white.
        #expect(image.pixel(x: 2, y: 2) == (255, 255, 255))
    }
}

/// An RGB picture decoded from a PNG file (by netpbm's pngtopnm, or else a few lines of
/// Python's zlib), as rows of bytes.
struct PixelImage {
    var width = 0
    var height = 0
    var rgb: [UInt8] = []

    init(png path: String) throws {
        let ppm: [UInt8]
        if let converter = Tools.locate("pngtopnm") {
            ppm = Array(try Tools.run(converter, [path]).stdoutData)
        } else {
            let python = try #require(Tools.locate("python3"), "neither pngtopnm nor python3 to decode the PNG")
            ppm = Array(try Tools.run(python, ["-c", PixelImage.pythonDecoder, path]).stdoutData)
        }
        // P6 <width> <height> <max>\n then bytes.
        var fields: [String] = [], k = 0
        while fields.count < 4 && k < ppm.count {
            while k < ppm.count && (ppm[k] == 32 || ppm[k] == 10) { k += 1 }
            var field = ""
            while k < ppm.count && ppm[k] != 32 && ppm[k] != 10 { field.append(Character(UnicodeScalar(ppm[k]))); k += 1 }
            fields.append(field)
        }
        try #require(fields.first == "P6" && fields.count == 4, "not a PPM: \(fields)")
        width = Int(fields[1])!
        height = Int(fields[2])!
        rgb = Array(ppm[(k + 1)...])
        try #require(rgb.count >= width * height * 3)
    }

    func pixel(x: Int, y: Int) -> (Int, Int, Int) {
        let at = (y * width + x) * 3
        return (Int(rgb[at]), Int(rgb[at + 1]), Int(rgb[at + 2]))
    }

    func count(in box: (x: Int, y: Int, width: Int, height: Int)? = nil, where matches: (Int, Int, Int) -> Bool) -> Int {
        let region = box ?? (0, 0, width, height)
        var n = 0
        for y in max(0, region.y)..<min(height, region.y + region.height) {
            for x in max(0, region.x)..<min(width, region.x + region.width) {
                let (r, g, b) = pixel(x: x, y: y)
                if matches(r, g, b) { n += 1 }
            }
        }
        return n
    }

    /// PNG (8-bit RGB or RGBA, not interlaced, as Chromium writes screenshots) to PPM on stdout.
    static let pythonDecoder = """
        import struct, sys, zlib
        data = open(sys.argv[1], 'rb').read()
        assert data[:8] == b'\\x89PNG\\r\\n\\x1a\\n'
        pos, idat = 8, b''
        while pos < len(data):
            length, kind = struct.unpack('>I4s', data[pos:pos + 8])
            body = data[pos + 8:pos + 8 + length]
            if kind == b'IHDR':
                width, height, depth, colour, _, _, interlace = struct.unpack('>IIBBBBB', body)
            elif kind == b'IDAT':
                idat += body
            pos += 12 + length
        assert depth == 8 and colour in (2, 6) and interlace == 0, (depth, colour, interlace)
        step = 3 if colour == 2 else 4
        stride = width * step
        raw = zlib.decompress(idat)
        out, prior = bytearray(), bytearray(stride)
        for y in range(height):
            kind, row = raw[y * (stride + 1)], bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
            for i in range(stride):
                a = row[i - step] if i >= step else 0
                b = prior[i]
                c = prior[i - step] if i >= step else 0
                if kind == 1: row[i] = (row[i] + a) & 255
                elif kind == 2: row[i] = (row[i] + b) & 255
                elif kind == 3: row[i] = (row[i] + ((a + b) >> 1)) & 255
                elif kind == 4:
                    p = a + b - c
                    pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                    row[i] = (row[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
            for x in range(width):
                r, g, b = row[x * step:x * step + 3]
                alpha = row[x * step + 3] if step == 4 else 255
                out += bytes(((v * alpha + 255 * (255 - alpha)) // 255) for v in (r, g, b))
            prior = row
        sys.stdout.buffer.write(b'P6 %d %d 255\\n' % (width, height) + bytes(out))
        """
}

/// Programs the chart tests run: the built `vintage`, a browser, converters.
enum Tools {
    struct Output {
        var status: Int32
        var stdoutData: Data
        var stderr: String
        var stdout: String { String(decoding: stdoutData, as: UTF8.self) }
    }

    /// The `vintage` executable in the build folder, next to the test bundle.
    static let vintage: String = {
        var directory = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
        for _ in 0..<4 {
            let candidate = directory.appendingPathComponent("vintage")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate.path }
            directory = directory.deletingLastPathComponent()
        }
        return URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().deletingLastPathComponent().appendingPathComponent("vintage").path
    }()

    /// The path of an executable on `$PATH`.
    static func locate(_ name: String) -> String? {
        for directory in (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":") {
            let path = "\(directory)/\(name)"
            if FileManager.default.isExecutableFile(atPath: path) { return path }
        }
        return nil
    }

    static func run(_ program: String, _ arguments: [String], environment: [String: String] = [:]) throws -> Output {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: program)
        process.arguments = arguments
        var env = ProcessInfo.processInfo.environment
        env.removeValue(forKey: "VINTAGE_STORE")
        for (k, v) in environment { env[k] = v }
        process.environment = env
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try process.run()
        // Read stderr on the side so that neither pipe fills up and blocks the program.
        nonisolated(unsafe) var errData = Data()
        let reader = Thread { errData = err.fileHandleForReading.readDataToEndOfFile() }
        reader.start()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        while !reader.isFinished { usleep(1_000) }
        return Output(status: process.terminationStatus, stdoutData: outData, stderr: String(decoding: errData, as: UTF8.self))
    }
}
