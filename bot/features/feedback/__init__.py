"""Step 7, terugkoppelen, and closing the loop: every stage move and every report back
reaches each person involved once; staff see who heard nothing for a while."""
