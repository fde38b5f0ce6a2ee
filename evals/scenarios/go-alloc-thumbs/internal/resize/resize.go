// Package resize downscales frames.
package resize

import "github.com/acme/thumbs/internal/frame"

// Fit returns f downscaled with a box filter so that its longer side is at most side.
func Fit(f frame.Frame, side int) frame.Frame {
	step := 1
	for f.W/step > side || f.H/step > side {
		step++
	}
	w, h := f.W/step, f.H/step
	out := frame.Frame{W: w, H: h, Pix: make([]byte, w*h)}
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			sum := 0
			for dy := 0; dy < step; dy++ {
				row := f.Pix[(y*step+dy)*f.W:]
				for dx := 0; dx < step; dx++ {
					sum += int(row[x*step+dx])
				}
			}
			out.Pix[y*w+x] = byte(sum / (step * step))
		}
	}
	return out
}
