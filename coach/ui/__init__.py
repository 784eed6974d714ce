"""The Qt user interface. Views draw what the domain computes; they compute no rules."""
