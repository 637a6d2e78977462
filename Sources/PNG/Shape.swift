/// A region to paint, in CSS pixels: a box that bounds it and a test for whether a point is inside.
public struct Shape {
    public let left: Double
    public let top: Double
    public let right: Double
    public let bottom: Double
    public let contains: (_ x: Double, _ y: Double) -> Bool

    public init(
        left: Double, top: Double, right: Double, bottom: Double, contains: @escaping (_ x: Double, _ y: Double) -> Bool
    ) {
        self.left = left
        self.top = top
        self.right = right
        self.bottom = bottom
        self.contains = contains
    }

    /// Covers `left ≤ x < right`, `top ≤ y < bottom`, so edges on the pixel grid stay crisp.
    public static func rectangle(left: Double, top: Double, right: Double, bottom: Double) -> Shape {
        Shape(left: left, top: top, right: right, bottom: bottom) { x, y in
            x >= left && x < right && y >= top && y < bottom
        }
    }

    public static func circle(centreX: Double, centreY: Double, radius: Double) -> Shape {
        Shape(left: centreX - radius, top: centreY - radius, right: centreX + radius, bottom: centreY + radius) {
            x, y in
            (x - centreX) * (x - centreX) + (y - centreY) * (y - centreY) <= radius * radius
        }
    }

    /// A line of `width` from one point to another with round ends, so the segments of a
    /// polyline join without notches.
    public static func segment(from start: (x: Double, y: Double), to end: (x: Double, y: Double), width: Double)
        -> Shape
    {
        let radius = width / 2
        let deltaX = end.x - start.x
        let deltaY = end.y - start.y
        let lengthSquared = deltaX * deltaX + deltaY * deltaY
        return Shape(
            left: min(start.x, end.x) - radius, top: min(start.y, end.y) - radius,
            right: max(start.x, end.x) + radius, bottom: max(start.y, end.y) + radius
        ) { x, y in
            let along = lengthSquared == 0 ? 0 : ((x - start.x) * deltaX + (y - start.y) * deltaY) / lengthSquared
            let clamped = min(1, max(0, along))
            let offsetX = start.x + clamped * deltaX - x
            let offsetY = start.y + clamped * deltaY - y
            return offsetX * offsetX + offsetY * offsetY <= radius * radius
        }
    }

    /// A horizontal dashed line from `start` to `end`, one rectangle per dash, so a reference line
    /// differs from a data line by more than colour.
    public static func dashedLine(
        atY y: Double, from start: Double, to end: Double, width: Double,
        dash: Double, gap: Double
    ) -> [Shape] {
        stride(from: start, to: end, by: dash + gap).map { dashStart in
            .rectangle(left: dashStart, top: y - width / 2, right: min(end, dashStart + dash), bottom: y + width / 2)
        }
    }

    /// A convex polygon grown by `outset` on every side, which draws a marker's outline as a
    /// slightly larger copy beneath it.
    public static func convexPolygon(_ vertices: [(x: Double, y: Double)], outset: Double = 0) -> Shape {
        let doubledArea = vertices.indices.reduce(0.0) { sum, index in
            let next = vertices[(index + 1) % vertices.count]
            return sum + vertices[index].x * next.y - next.x * vertices[index].y
        }
        // Each edge as a unit normal pointing out of the polygon and the edge's offset along it.
        let edges = vertices.indices.map { index in
            let start = vertices[index]
            let end = vertices[(index + 1) % vertices.count]
            let length = ((end.x - start.x) * (end.x - start.x) + (end.y - start.y) * (end.y - start.y)).squareRoot()
            let orientation = doubledArea > 0 ? 1.0 : -1.0
            let normal = (x: orientation * (end.y - start.y) / length, y: orientation * (start.x - end.x) / length)
            return (normal: normal, offset: normal.x * start.x + normal.y * start.y + outset)
        }
        return Shape(
            left: vertices.map(\.x).min()! - 2 * outset, top: vertices.map(\.y).min()! - 2 * outset,
            right: vertices.map(\.x).max()! + 2 * outset, bottom: vertices.map(\.y).max()! + 2 * outset
        ) { x, y in
            edges.allSatisfy { $0.normal.x * x + $0.normal.y * y <= $0.offset }
        }
    }
}
