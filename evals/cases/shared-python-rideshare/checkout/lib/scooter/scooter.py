from utility.utility import find_nearest_vehicle

def order_scooter(search_radius):
    find_nearest_vehicle(search_radius, "scooter")
