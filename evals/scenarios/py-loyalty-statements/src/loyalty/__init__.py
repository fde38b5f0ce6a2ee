"""loyalty-statements: the points statement of the member app's "My points" screen."""
