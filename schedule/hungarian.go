package schedule

import "math"

// forbidden marks a pair the assignment may not use. It is far above any
// real cost yet leaves room to add many of them without overflowing.
const forbidden = math.MaxInt64 / 1024

// assign solves the rectangular assignment problem: each of n rows gets a
// distinct column of m ≥ n, minimising the summed cost[i*m+j]. It returns
// the total and each row's column (the Hungarian method with potentials,
// O(n²m)). A total of forbidden or more means no assignment avoids every
// forbidden pair.
func assign(n, m int, cost []int64) (int64, []int) {
	if n == 0 {
		return 0, nil
	}
	u := make([]int64, n+1)
	v := make([]int64, m+1)
	p := make([]int, m+1) // column -> row (1-based), 0 for free
	way := make([]int, m+1)
	minv := make([]int64, m+1)
	used := make([]bool, m+1)
	for i := 1; i <= n; i++ {
		p[0] = i
		j0 := 0
		for j := range minv {
			minv[j] = math.MaxInt64
			used[j] = false
		}
		for {
			used[j0] = true
			i0, delta, j1 := p[j0], int64(math.MaxInt64), 0
			row := cost[(i0-1)*m : i0*m]
			ui := u[i0]
			for j := 1; j <= m; j++ {
				if used[j] {
					continue
				}
				cur := row[j-1] - ui - v[j]
				if cur < minv[j] {
					minv[j], way[j] = cur, j0
				}
				if minv[j] < delta {
					delta, j1 = minv[j], j
				}
			}
			for j := 0; j <= m; j++ {
				if used[j] {
					u[p[j]] += delta
					v[j] -= delta
				} else {
					minv[j] -= delta
				}
			}
			j0 = j1
			if p[j0] == 0 {
				break
			}
		}
		for j0 != 0 {
			j1 := way[j0]
			p[j0] = p[j1]
			j0 = j1
		}
	}
	col := make([]int, n)
	var total int64
	for j := 1; j <= m; j++ {
		if p[j] != 0 {
			col[p[j]-1] = j - 1
			total += cost[(p[j]-1)*m+j-1]
		}
	}
	return total, col
}
