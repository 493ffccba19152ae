import Foundation

/// The series expansions of Karney (2013), "Algorithms for geodesics", J. Geodesy 87:43–55,
/// doi:10.1007/s00190-012-0578-z, to sixth order in ε (eqs. 17, 18, 21, 24, 25, 42, 43).
///
/// For the Earth ε ≤ 0.0017, so the truncation error is far below a micrometre.
/// Arrays are indexed from 1 (`c[0]` unused) to match the papers' notation.
enum GeodesicSeries {
    /// `A₁ − 1` (eq. 17): `A₁ = (1 + ε²/4 + ε⁴/64 + ε⁶/256) / (1 − ε)`.
    static func a1m1(_ eps: Double) -> Double {
        let e2 = eps * eps
        let t = e2 * (e2 * (e2 + 4) + 64) / 256
        return (t + eps) / (1 - eps)
    }

    /// `C₁ₗ` (eq. 18), the coefficients of `I₁(σ)`.
    static func c1(_ eps: Double) -> [Double] {
        let e2 = eps * eps
        var d = eps
        var c = [Double](repeating: 0, count: 7)
        c[1] = d * (e2 * (6 - e2) - 16) / 32
        d *= eps
        c[2] = d * (e2 * (64 - 9 * e2) - 128) / 2048
        d *= eps
        c[3] = d * (9 * e2 - 16) / 768
        d *= eps
        c[4] = d * (3 * e2 - 5) / 512
        d *= eps
        c[5] = -7 * d / 1280
        d *= eps
        c[6] = -7 * d / 2048
        return c
    }

    /// `C′₁ₗ` (eq. 21), which revert `τ = σ + Σ C₁ₗ sin 2lσ` to `σ = τ + Σ C′₁ₗ sin 2lτ`.
    static func c1p(_ eps: Double) -> [Double] {
        let e2 = eps * eps
        var d = eps
        var c = [Double](repeating: 0, count: 7)
        c[1] = d * (e2 * (205 * e2 - 432) + 768) / 1536
        d *= eps
        c[2] = d * (e2 * (4005 * e2 - 4736) + 3840) / 12288
        d *= eps
        c[3] = d * (116 - 225 * e2) / 384
        d *= eps
        c[4] = d * (2695 - 7173 * e2) / 7680
        d *= eps
        c[5] = 3467 * d / 7680
        d *= eps
        c[6] = 38081 * d / 61440
        return c
    }

    /// `A₂ − 1` (eq. 42): `A₂ = (1 − ε)(1 + ε²/4 + 9ε⁴/64 + 25ε⁶/256)`.
    static func a2m1(_ eps: Double) -> Double {
        let e2 = eps * eps
        let t = e2 * (e2 * (-11 * e2 - 28) - 192) / 256
        return (t - eps) / (1 + eps)
    }

    /// `C₂ₗ` (eq. 43), the coefficients of `I₂(σ)`.
    static func c2(_ eps: Double) -> [Double] {
        let e2 = eps * eps
        var d = eps
        var c = [Double](repeating: 0, count: 7)
        c[1] = d * (e2 * (e2 + 2) + 16) / 32
        d *= eps
        c[2] = d * (e2 * (35 * e2 + 64) + 384) / 2048
        d *= eps
        c[3] = d * (15 * e2 + 80) / 768
        d *= eps
        c[4] = d * (7 * e2 + 35) / 512
        d *= eps
        c[5] = 63 * d / 1280
        d *= eps
        c[6] = 77 * d / 2048
        return c
    }

    /// The ε-polynomials of `A₃` (eq. 24) and `C₃ₗ` (eq. 25) once the third flattening `n` is known.
    struct A3C3: Sendable {
        /// Coefficients of `A₃` in powers of ε, constant term first.
        let a3: [Double]
        /// `c3[l]` holds the coefficients of `C₃ₗ` in powers of ε, constant term first.
        let c3: [[Double]]

        init(n: Double) {
            let n2 = n * n
            a3 = [
                1,
                -(1.0 / 2 - n / 2),
                -(1.0 / 4 + n / 8 - 3 * n2 / 8),
                -(1.0 / 16 + 3 * n / 16 + n2 / 16),
                -(3.0 / 64 + n / 32),
                -3.0 / 128,
            ]
            c3 = [
                [],
                [
                    0, 1.0 / 4 - n / 4, 1.0 / 8 - n2 / 8, 3.0 / 64 + 3 * n / 64 - n2 / 64,
                    5.0 / 128 + n / 64, 3.0 / 128,
                ],
                [
                    0, 0, 1.0 / 16 - 3 * n / 32 + n2 / 32, 3.0 / 64 - n / 32 - 3 * n2 / 64,
                    3.0 / 128 + n / 128, 5.0 / 256,
                ],
                [
                    0, 0, 0, 5.0 / 192 - 3 * n / 64 + 5 * n2 / 192, 3.0 / 128 - 5 * n / 192,
                    7.0 / 512,
                ],
                [0, 0, 0, 0, 7.0 / 512 - 7 * n / 256, 7.0 / 512],
                [0, 0, 0, 0, 0, 21.0 / 2560],
            ]
        }

        /// `A₃(ε)`.
        func a3(_ eps: Double) -> Double { polyval(a3, eps) }

        /// `C₃ₗ(ε)` for l = 1…5, indexed from 1.
        func c3(_ eps: Double) -> [Double] {
            var c = [Double](repeating: 0, count: 6)
            for l in 1...5 { c[l] = polyval(c3[l], eps) }
            return c
        }

        private func polyval(_ p: [Double], _ x: Double) -> Double {
            var y = 0.0
            for coefficient in p.reversed() { y = y * x + coefficient }
            return y
        }
    }
}
